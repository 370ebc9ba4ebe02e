package io.ansaf.content;

import io.ansaf.platform.Settings;

/** Which database this process uses: chosen by configuration at start-up, read once. */
final class Vendor {
    private static final class Once {
        static final boolean POSTGRES = Settings.databaseUrl().startsWith("jdbc:postgresql:");
    }

    private Vendor() {}

    static boolean postgres() {
        return Once.POSTGRES;
    }
}
