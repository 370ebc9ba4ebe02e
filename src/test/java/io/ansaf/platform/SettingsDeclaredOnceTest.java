package io.ansaf.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every setting has its default in exactly one place, {@code microprofile-config.properties} (which
 * README's configuration table follows), never also at an injection point, where the two would
 * drift apart.
 */
class SettingsDeclaredOnceTest {
    @Test
    void everyInjectedSetting_hasItsDefaultInThePropertiesFileOnly() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in =
                getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }
        Set<String> problems = new TreeSet<>();
        for (JavaClass c :
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.ansaf")) {
            for (JavaField f : c.getFields()) {
                if (!f.isAnnotatedWith(ConfigProperty.class)) continue;
                ConfigProperty p = f.getAnnotationOfType(ConfigProperty.class);
                if (!p.defaultValue().equals(ConfigProperty.UNCONFIGURED_VALUE))
                    problems.add(
                            p.name()
                                    + ": default also at "
                                    + c.getSimpleName()
                                    + "."
                                    + f.getName());
                if (!defaults.containsKey(p.name()))
                    problems.add(p.name() + ": missing from microprofile-config.properties");
            }
        }
        assertEquals(Set.of(), problems);
    }
}
