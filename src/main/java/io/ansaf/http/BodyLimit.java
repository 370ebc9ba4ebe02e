package io.ansaf.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * The request body limit ({@code ANSAF_MAX_BODY_BYTES}): a declared length over it is refused
 * before anything is read; a chunked body is counted as it arrives and stops at the limit with
 * {@link BodyTooLargeException}, which the exception mappers answer {@code 413}.
 */
final class BodyLimit {
    private BodyLimit() {}

    static String tooLarge(long limit) {
        return "The request body exceeds the limit of " + limit + " bytes.";
    }

    /** The request to hand on: counted when it has no Content-Length. */
    static HttpServletRequest counted(HttpServletRequest req, long limit) {
        return req.getContentLengthLong() < 0 && req.getHeader("Transfer-Encoding") != null
                ? new LimitedBodyRequest(req, limit)
                : req;
    }

    /**
     * Thrown while a chunked body is read past the limit; answered 413 by the exception mappers.
     */
    public static class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super(tooLarge(limit));
        }
    }

    /** Counts the bytes of a body without Content-Length and stops at the limit. */
    static final class LimitedBodyRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedBodyRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream =
                        new ServletInputStream() {
                            long count;

                            private int counted(int n) throws IOException {
                                if (n > 0 && (count += n) > limit)
                                    throw new BodyTooLargeException(limit);
                                return n;
                            }

                            @Override
                            public int read() throws IOException {
                                int b = in.read();
                                if (b >= 0) counted(1);
                                return b;
                            }

                            @Override
                            public int read(byte[] b, int off, int len) throws IOException {
                                return counted(in.read(b, off, len));
                            }

                            @Override
                            public boolean isFinished() {
                                return in.isFinished();
                            }

                            @Override
                            public boolean isReady() {
                                return in.isReady();
                            }

                            @Override
                            public void setReadListener(ReadListener listener) {
                                in.setReadListener(listener);
                            }
                        };
            }
            return stream;
        }
    }
}
