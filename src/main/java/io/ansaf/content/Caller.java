package io.ansaf.content;

/**
 * Who is asking: an anonymous visitor ({@link #ANONYMOUS}) or a logged-in user. Content features
 * decide visibility and permissions from it; it is known for REST requests and WebSocket handshakes
 * alike (see {@link SessionAuthenticationMechanism}).
 */
public record Caller(Long id, String username, boolean staff) {
    public static final Caller ANONYMOUS = new Caller(null, null, false);

    public boolean authenticated() {
        return id != null;
    }

    /**
     * Which list a caller gets when lists differ by who asks: staff, one user (own drafts), or
     * anonymous. Part of list ETags, so two audiences never share a validator.
     */
    public String audienceKey() {
        return staff ? "staff" : id != null ? "user:" + id : "anonymous";
    }

    /** May this caller change content owned by {@code authorId}? Its author or staff. */
    public boolean owns(Long authorId) {
        return staff || (id != null && id.equals(authorId));
    }
}
