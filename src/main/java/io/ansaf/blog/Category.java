package io.ansaf.blog;

import io.ansaf.platform.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Locale;

/** A blog category. Names are unique without regard to case; the slug is derived from the name. */
@Entity
@Table(name = "categories")
public class Category extends VersionedEntity {
    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "name_key", nullable = false, length = 100)
    private String nameKey;

    @Column(nullable = false, length = 120)
    private String slug;

    @Column(nullable = false)
    private String description = "";

    protected Category() {}

    Category(String name, String slug, String description) {
        name(name);
        this.slug = slug;
        this.description = description;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    void name(String name) {
        this.name = name;
        this.nameKey = key(name);
    }

    public String name() {
        return name;
    }

    public String slug() {
        return slug;
    }

    void slug(String slug) {
        this.slug = slug;
    }

    public String description() {
        return description;
    }

    void description(String description) {
        this.description = description;
    }
}
