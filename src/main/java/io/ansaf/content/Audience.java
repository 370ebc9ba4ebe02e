package io.ansaf.content;

/**
 * Who may read a resource at one moment: everyone ({@code everyone}), or only its owner ({@code
 * ownerId}) and staff. Staff may read everything, so they are not listed.
 */
public record Audience(boolean everyone, Long ownerId) {
    public static final Audience NOBODY = new Audience(false, null);
    public static final Audience EVERYONE = new Audience(true, null);

    public boolean admits(Long userId, boolean staff) {
        return staff || everyone || (userId != null && userId.equals(ownerId));
    }
}
