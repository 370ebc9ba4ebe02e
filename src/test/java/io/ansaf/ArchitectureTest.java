package io.ansaf;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of README's architecture section, checked on every build: the arrows run down only,
 * from the application class through the sockets and the features to the kernel ({@code content})
 * and the ground floor ({@code http}, {@code platform}, {@code text}).
 */
@AnalyzeClasses(packages = "io.ansaf", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers =
            layeredArchitecture()
                    .consideringOnlyDependenciesInLayers()
                    .layer("application")
                    .definedBy("io.ansaf")
                    .layer("sockets")
                    .definedBy("io.ansaf.realtime..")
                    .layer("features")
                    .definedBy("io.ansaf.blog..", "io.ansaf.page..")
                    .layer("auth")
                    .definedBy("io.ansaf.auth..")
                    .layer("kernel")
                    .definedBy("io.ansaf.content..")
                    .layer("ground")
                    .definedBy("io.ansaf.http..", "io.ansaf.platform..", "io.ansaf.text..")
                    .whereLayer("application")
                    .mayNotBeAccessedByAnyLayer()
                    .whereLayer("sockets")
                    .mayOnlyBeAccessedByLayers("application")
                    .whereLayer("features")
                    .mayOnlyBeAccessedByLayers("application")
                    .whereLayer("auth")
                    .mayOnlyBeAccessedByLayers("features", "sockets", "application")
                    .whereLayer("kernel")
                    .mayOnlyBeAccessedByLayers("auth", "features", "sockets", "application")
                    .because(
                            "a layer imports only layers below it: the ground floor knows no feature, the kernel"
                                    + " no model family, and only the application class knows them all");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("io.ansaf.(*)..")
                    .should()
                    .beFreeOfCycles()
                    .because(
                            "packages that import each other cannot be understood, tested or moved one at a time");

    @ArchTest
    static final ArchRule featuresStayApart =
            noClasses()
                    .that()
                    .resideInAPackage("io.ansaf.page..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.ansaf.blog..")
                    .orShould()
                    .dependOnClassesThat()
                    .resideInAPackage("io.ansaf.realtime..")
                    .because(
                            "model families never import each other or the sockets: each plugs into the kernel");

    @ArchTest
    static final ArchRule blogStaysApart =
            noClasses()
                    .that()
                    .resideInAPackage("io.ansaf.blog..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.ansaf.page..")
                    .orShould()
                    .dependOnClassesThat()
                    .resideInAPackage("io.ansaf.realtime..")
                    .because(
                            "model families never import each other or the sockets: each plugs into the kernel");

    @ArchTest
    static final ArchRule socketsNeverTouchJpa =
            noClasses()
                    .that()
                    .resideInAPackage("io.ansaf.realtime..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("jakarta.persistence..")
                    .because(
                            "sockets deliver committed changes from the change feed; they never read the database");
}
