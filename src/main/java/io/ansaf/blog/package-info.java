/** Posts, categories and comments: entities, services and REST resources of the blog. */
package io.ansaf.blog;
