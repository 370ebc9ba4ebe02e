/** Text rules every feature shares: HTML sanitising, plain-text extraction and URL slugs. */
package io.ansaf.text;
