package io.ansaf.content;

import io.ansaf.platform.StartupFailure;
import io.ansaf.text.Stemmer;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the stored search language ({@code search_settings}, which PostgreSQL's trigger builds
 * every {@code search_vector} with) the configured {@code ANSAF_SEARCH_LANGUAGE}, rebuilding the
 * vectors when it changed; refuses to start with a language that either database side or the
 * headline stemmer ({@link Stemmer}) does not know.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class SearchLanguage {
    static final String SETTING = "ansaf.search.language";
    private static final Logger LOG = Logger.getLogger(SearchLanguage.class.getName());

    @Inject
    @ConfigProperty(name = SETTING)
    String language;

    @PersistenceContext EntityManager em;

    @PostConstruct
    void sync() {
        if (!Stemmer.knows(language))
            StartupFailure.exit(
                    SETTING,
                    "no Snowball stemmer for '"
                            + language
                            + "'; use simple or a language such as english, german, french");
        if (!Vendor.postgres()) return;
        Number known =
                (Number)
                        em.createNativeQuery("SELECT count(*) FROM pg_ts_config WHERE cfgname = ?")
                                .setParameter(1, language)
                                .getSingleResult();
        if (known.longValue() == 0)
            StartupFailure.exit(
                    SETTING, "PostgreSQL has no text-search configuration '" + language + "'");
        String stored =
                (String)
                        em.createNativeQuery(
                                        "SELECT CAST(language AS text) FROM search_settings WHERE id = 1")
                                .getSingleResult();
        if (language.equals(stored)) return;
        LOG.info(
                () ->
                        "Search language changes from "
                                + stored
                                + " to "
                                + language
                                + ": rebuilding the search vectors of every post and page");
        em.createNativeQuery("UPDATE search_settings SET language = CAST(? AS regconfig)")
                .setParameter(1, language)
                .executeUpdate();
        // Setting a column the trigger watches makes it rebuild the row's vector.
        em.createNativeQuery("UPDATE posts SET body_text = body_text").executeUpdate();
        em.createNativeQuery("UPDATE pages SET body_text = body_text").executeUpdate();
    }
}
