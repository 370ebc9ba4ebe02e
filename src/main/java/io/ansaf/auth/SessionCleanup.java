package io.ansaf.auth;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** Forgets sessions that time out, so {@link SessionRegistry} holds only live ones. */
@WebListener
public class SessionCleanup implements HttpSessionListener {
    @Inject SessionRegistry sessions;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.remove(event.getSession());
    }
}
