/**
 * HTTP rules every resource shares: problem details, conditional requests, headers, input parsing.
 */
package io.ansaf.http;
