package io.ansaf.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Content coding of responses where their bytes are final (CONTRACT.md, "A front end on another
 * origin"): a body of {@value #MIN_BYTES} bytes or more, of a compressible type, goes out in {@code
 * br} or {@code gzip} when the request accepts it, and every response says {@code Vary:
 * Accept-Encoding}. A coded representation gets its own strong tag ({@link EntityTags#coded}), and
 * a {@code 304} names the form the client listed in {@code If-None-Match} ({@link
 * EntityTags#formHeld}); {@link EntityTags} compares every form like the identity one, so the
 * validators, the cached {@code 304}s and {@code If-Match} need to know nothing about codings.
 *
 * <p>Why here and not Payara's listener compression: Grizzly compresses after the application, so
 * it sends the gzip bytes under the identity representation's strong {@code ETag}, which RFC 9110
 * (8.8.3) forbids, and a cache or a range request could then mix the two. A servlet wrapper sees
 * the status and headers before the first byte leaves, so it can rename the tag. {@code gzip} is
 * the JDK's; {@code br} is Brotli4j's ({@link Brotli}) when its native library loads on this
 * platform.
 *
 * <p>Not coded: {@code HEAD}, {@code 204}, {@code 206}, {@code 304}, bodies already coded, media
 * that is compressed already (images, archives, anything not text, JSON, XML or script).
 */
final class Compression {
    static final int MIN_BYTES = 1024;

    private Compression() {}

    /**
     * The coding to use for a request's {@code Accept-Encoding}: the accepted one with the highest
     * q-value ({@code br} first on a tie, and only when available), or null for identity.
     */
    static String negotiate(String acceptEncoding, boolean brotli) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) return null;
        double gzip = -1, br = -1, any = -1;
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim();
                if (p.length() > 2 && (p.startsWith("q=") || p.startsWith("Q="))) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            switch (coding) {
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
                case "br" -> br = Math.max(br, q);
                case "*" -> any = q;
                default -> {}
            }
        }
        if (gzip < 0) gzip = any;
        if (br < 0) br = any;
        if (brotli && br > 0 && br >= gzip) return "br";
        return gzip > 0 ? "gzip" : null;
    }

    /**
     * Whether a response of this type may be worth compressing: text, JSON, XML, YAML, script, SVG.
     */
    static boolean compressible(String contentType) {
        if (contentType == null) return false;
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/")
                || t.contains("json")
                || t.contains("javascript")
                || t.contains("xml")
                || t.contains("yaml")
                || t.startsWith("image/svg");
    }

    /**
     * The response for the rest of the chain, coded when the request accepts it; the caller must
     * call {@link Coded#finish} when the chain returns.
     */
    static Coded wrap(HttpServletRequest req, HttpServletResponse res) {
        return new Coded(req, res, negotiate(req.getHeader("Accept-Encoding"), Brotli.available()));
    }

    /**
     * Buffers the first {@value #MIN_BYTES} bytes, then decides: coded (with {@code
     * Content-Encoding}, the coded tag, no {@code Content-Length}) or identity (the length as the
     * application set it, or the buffer's).
     */
    static final class Coded extends HttpServletResponseWrapper {
        private final HttpServletRequest request;
        private final String coding;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(MIN_BYTES);
        private long contentLength = -1;
        private boolean decided;
        private boolean errorSent;
        private boolean finished;
        private OutputStream sink;
        private Stream stream;
        private PrintWriter writer;

        Coded(HttpServletRequest request, HttpServletResponse response, String coding) {
            super(response);
            this.request = request;
            this.coding = coding;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (writer != null) throw new IllegalStateException("getWriter() was called");
            if (stream == null) stream = new Stream();
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                if (stream != null) throw new IllegalStateException("getOutputStream() was called");
                stream = new Stream();
                String enc = getCharacterEncoding();
                Charset cs = enc == null ? StandardCharsets.ISO_8859_1 : Charset.forName(enc);
                writer = new PrintWriter(new OutputStreamWriter(stream, cs));
            }
            return writer;
        }

        @Override
        public void setContentLength(int len) {
            setContentLengthLong(len);
        }

        @Override
        public void setContentLengthLong(long len) {
            if (decided) {
                if (sink == stream.raw) super.setContentLengthLong(len);
            } else contentLength = len;
        }

        @Override
        public void setHeader(String name, String value) {
            if (isLength(name)) setContentLengthLong(value == null ? -1 : Long.parseLong(value));
            else super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            if (isLength(name)) setContentLengthLong(Long.parseLong(value));
            else super.addHeader(name, value);
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (isLength(name)) setContentLengthLong(value);
            else super.setIntHeader(name, value);
        }

        @Override
        public void addIntHeader(String name, int value) {
            if (isLength(name)) setContentLengthLong(value);
            else super.addIntHeader(name, value);
        }

        @Override
        public boolean containsHeader(String name) {
            return isLength(name) && !decided ? contentLength >= 0 : super.containsHeader(name);
        }

        @Override
        public void flushBuffer() throws IOException {
            // Until the first MIN_BYTES are in, there is nothing to flush: the decision is pending.
            if (decided) {
                if (writer != null) writer.flush();
                sink.flush();
                super.flushBuffer();
            }
        }

        @Override
        public void resetBuffer() {
            if (!decided) buffer.reset();
            super.resetBuffer();
        }

        @Override
        public void reset() {
            if (!decided) {
                buffer.reset();
                contentLength = -1;
            }
            super.reset();
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            errorSent = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            errorSent = true;
            super.sendError(sc);
        }

        /**
         * Writes what is still buffered and ends the coding; the response's headers are final after
         * this.
         */
        void finish() throws IOException {
            if (errorSent || finished) return; // after sendError the container's page answers
            finished = true;
            if (writer != null) writer.flush();
            if (!decided) decide(false);
            if (sink != null && stream != null && sink != stream.raw) sink.close();
        }

        private void decide(boolean large) throws IOException {
            decided = true;
            vary();
            String etag = getHeader("ETag");
            int status = getStatus();
            if (status == 304) {
                if (etag != null)
                    EntityTags.formHeld(request.getHeader("If-None-Match"), etag)
                            .ifPresent(held -> super.setHeader("ETag", held));
                sink = rawStream();
                return;
            }
            if (large && coded(status)) {
                super.setHeader("Content-Encoding", coding);
                if (etag != null) super.setHeader("ETag", EntityTags.coded(etag, coding));
                OutputStream raw = rawStream();
                sink = coding.equals("br") ? Brotli.encoder(raw) : new GZIPOutputStream(raw, 8192);
            } else {
                if (contentLength >= 0) super.setContentLengthLong(contentLength);
                else if (!large && stream != null && status != 204 && !isHead())
                    super.setContentLengthLong(buffer.size()); // the whole body is here
                sink = rawStream();
            }
            if (buffer.size() > 0) buffer.writeTo(sink);
            buffer.reset();
        }

        private OutputStream rawStream() throws IOException {
            if (stream == null) stream = new Stream();
            if (stream.raw == null) stream.raw = super.getOutputStream();
            return stream.raw;
        }

        private boolean isHead() {
            return request.getMethod().equals("HEAD");
        }

        private boolean coded(int status) {
            return coding != null
                    && status >= 200
                    && status != 204
                    && status != 206
                    && !isHead()
                    && getHeader("Content-Encoding") == null
                    && compressible(getContentType());
        }

        /** {@code Accept-Encoding} joins whatever {@code Vary} the application set. */
        private void vary() {
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
            for (String v : getHeaders("Vary")) {
                for (String n : v.split(",")) if (!n.isBlank()) names.add(n.trim());
            }
            if (names.contains("*")) return;
            if (names.stream().noneMatch("Accept-Encoding"::equalsIgnoreCase))
                names.add("Accept-Encoding");
            super.setHeader("Vary", String.join(", ", names));
        }

        private static boolean isLength(String name) {
            return "Content-Length".equalsIgnoreCase(name);
        }

        /** The application's view of the body: buffered until the decision, then the sink. */
        private final class Stream extends ServletOutputStream {
            OutputStream raw;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (closed) throw new IOException("stream closed");
                if (len == 0) return;
                if (!decided) {
                    if (buffer.size() + len < MIN_BYTES) {
                        buffer.write(b, off, len);
                        return;
                    }
                    buffer.write(b, off, len);
                    decide(true);
                    return;
                }
                sink.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                if (decided && sink != null) sink.flush();
            }

            @Override
            public void close() throws IOException {
                if (closed) return;
                closed = true;
                finish();
                if (raw != null) raw.close();
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("non-blocking output is not coded");
            }
        }
    }

    /**
     * Whether the wrapper applies: WebSocket upgrades are never touched (an {@code Upgrade: h2c}
     * that the listener declines is an ordinary request, and is).
     */
    static boolean applies(HttpServletRequest req) {
        String upgrade = req.getHeader("Upgrade");
        return upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }
}
