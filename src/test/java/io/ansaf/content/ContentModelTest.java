package io.ansaf.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ContentModelTest {
    private static final List<Caller> CALLERS =
            List.of(Caller.ANONYMOUS, new Caller(7L, "ann", false), new Caller(1L, "admin", true));

    /**
     * The models some class writes through the pipeline: every {@link ContentKind} in the
     * application, asked for its model (kinds are CDI beans, so they have a no-argument
     * constructor, and {@code model()} needs nothing injected).
     */
    static Set<ContentModel> written() throws ReflectiveOperationException {
        Set<ContentModel> written = EnumSet.noneOf(ContentModel.class);
        for (JavaClass c :
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.ansaf")) {
            if (!c.isAssignableTo(ContentKind.class)
                    || c.isInterface()
                    || c.getModifiers().contains(JavaModifier.ABSTRACT)) continue;
            ContentKind<?> kind =
                    (ContentKind<?>) c.reflect().getDeclaredConstructor().newInstance();
            written.add(kind.model());
        }
        return written;
    }

    @Test
    void everyCounterThatSomethingReads_hasAWriter() throws ReflectiveOperationException {
        Set<ContentModel> written = written();
        Set<String> unwritten = new TreeSet<>();
        for (ContentModel m : ContentModel.values()) {
            for (ContentModel.Counter c : m.shows())
                if (!written.contains(c.model())) unwritten.add(m.key() + " shows " + c);
            for (Caller caller : CALLERS) {
                for (ContentModel.Counter c : m.listReads(caller)) {
                    if (!written.contains(c.model())) unwritten.add(m.key() + " lists read " + c);
                }
            }
        }
        assertEquals(
                Set.of(), unwritten, "a counter nothing moves leaves validators stale behind 304s");
    }

    @Test
    void everyModelIsWritten() throws ReflectiveOperationException {
        assertEquals(EnumSet.allOf(ContentModel.class), written());
    }

    @Test
    void aListReadsItsOwnCounter_andWhatItsItemsShow() {
        for (ContentModel m : ContentModel.values()) {
            for (Caller caller : CALLERS) {
                Set<ContentModel> read = new HashSet<>();
                m.listReads(caller).forEach(c -> read.add(c.model()));
                assertTrue(read.contains(m), m + " lists must follow their own counter");
                m.shows()
                        .forEach(
                                c ->
                                        assertTrue(
                                                read.contains(c.model()),
                                                m
                                                        + " lists must follow "
                                                        + c
                                                        + ", which their items show"));
            }
        }
    }

    @Test
    void namesAreUnique() {
        Set<String> keys = new HashSet<>();
        for (ContentModel m : ContentModel.values()) assertTrue(keys.add(m.key()));
    }
}
