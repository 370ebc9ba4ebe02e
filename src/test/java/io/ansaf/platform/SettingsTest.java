package io.ansaf.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void embeddedDefault_writesEveryCommitToItsFile() {
        String url = Settings.h2Url("/srv/ansaf");
        assertEquals(
                "jdbc:h2:file:/srv/ansaf/ansaf;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0",
                Settings.durableCommits(url));
    }

    @Test
    void ownH2Url_getsWriteDelayZero_unlessItNamesAWriteDelay() {
        assertEquals("jdbc:h2:./x;WRITE_DELAY=0", Settings.durableCommits("jdbc:h2:./x"));
        assertEquals(
                "jdbc:h2:tcp://db/./x;WRITE_DELAY=0",
                Settings.durableCommits("jdbc:h2:tcp://db/./x;"));
        assertEquals(
                "jdbc:h2:./x;write_delay=500",
                Settings.durableCommits("jdbc:h2:./x;write_delay=500"));
        assertEquals(
                "jdbc:h2:./x;MODE=PostgreSQL; WRITE_DELAY = 100",
                Settings.durableCommits("jdbc:h2:./x;MODE=PostgreSQL; WRITE_DELAY = 100"));
    }

    @Test
    void inMemoryH2_andOtherDatabases_areLeftAsTheyAre() {
        assertEquals(
                "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
                Settings.durableCommits("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"));
        assertEquals(
                "jdbc:h2:tcp://db/mem:test", Settings.durableCommits("jdbc:h2:tcp://db/mem:test"));
        assertEquals(
                "jdbc:postgresql://db:5432/ansaf",
                Settings.durableCommits("jdbc:postgresql://db:5432/ansaf"));
    }
}
