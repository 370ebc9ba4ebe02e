package io.ansaf.page;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An old slug of a renamed page; {@code GET} of it answers 301 to the page's current slug. */
@Entity
@Table(name = "page_redirects")
public class PageRedirect {
    @Id
    @Column(name = "old_slug", length = 220)
    private String oldSlug;

    @Column(name = "page_id", nullable = false)
    private Long pageId;

    protected PageRedirect() {}
}
