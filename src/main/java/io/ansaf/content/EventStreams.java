package io.ansaf.content;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The channels' histories in Redis, shared by every instance: a stream per channel, trimmed to the
 * newest {@code keep} entries, numbered by a counter per channel, under one epoch. Each step is one
 * Lua script, so Redis runs it whole and in order with every other: an append numbers the change,
 * adds it to the stream and publishes it in one go (subscribers receive changes in the order of
 * their numbers, and a reader of the stream never misses one that was already published), and a
 * read sees the epoch, the counter and the entries of one moment.
 *
 * <p>The epoch is created by the first append into an empty Redis. When Redis loses its data, the
 * next append creates another, so ids handed out before never match what is kept. A change that
 * could not be appended at all (Redis down) leaves no gap in the numbers: the next append of that
 * instance raises the channel's horizon instead, and ids up to the horizon cannot be caught up
 * from.
 *
 * <p>Published messages read {@code <epoch> <number> <horizon> <change as JSON>}.
 */
final class EventStreams {
    private static final String EPOCH = "ansaf:events:epoch";

    private static final String APPEND =
            """
            local epoch = redis.call('GET', KEYS[3])
            if not epoch then
              epoch = ARGV[3]
              redis.call('SET', KEYS[3], epoch)
            end
            local n = redis.call('INCR', KEYS[2])
            if ARGV[5] == '1' then redis.call('SET', KEYS[4], n - 1) end
            local horizon = redis.call('GET', KEYS[4]) or '0'
            redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], n .. '-0', 'e', ARGV[1])
            redis.call('PUBLISH', ARGV[4], epoch .. ' ' .. n .. ' ' .. horizon .. ' ' .. ARGV[1])
            return n
            """;

    private static final String READ =
            """
            local epoch = redis.call('GET', KEYS[3]) or ''
            local n = redis.call('GET', KEYS[2]) or '0'
            local horizon = redis.call('GET', KEYS[4]) or '0'
            local entries
            if ARGV[1] == '' then
              entries = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', ARGV[2])
            else
              entries = redis.call('XRANGE', KEYS[1], '(' .. ARGV[1] .. '-0', '+', 'COUNT', ARGV[2])
            end
            return {epoch, n, horizon, entries}
            """;

    private static final String MARK_LOSS =
            """
            redis.call('SET', KEYS[4], redis.call('GET', KEYS[2]) or '0')
            return 1
            """;

    private final String pubSubChannel;
    private final int keep;

    EventStreams(String pubSubChannel, int keep) {
        this.pubSubChannel = pubSubChannel;
        this.keep = keep;
    }

    private static String[] keys(String channel) {
        String base = "ansaf:events:" + channel;
        return new String[] {base, base + ":seq", EPOCH, base + ":horizon"};
    }

    /**
     * Numbers, keeps and publishes one change; {@code lost} says that a change of this channel
     * could not be appended since the last append (so ids up to now may have missed it).
     */
    CompletionStage<Long> append(
            RedisAsyncCommands<String, String> redis, String channel, String change, boolean lost) {
        return redis.<Long>eval(
                APPEND,
                ScriptOutputType.INTEGER,
                keys(channel),
                change,
                Integer.toString(keep),
                newEpoch(),
                pubSubChannel,
                lost ? "1" : "0");
    }

    CompletionStage<Long> markLoss(RedisAsyncCommands<String, String> redis, String channel) {
        return redis.<Long>eval(MARK_LOSS, ScriptOutputType.INTEGER, keys(channel));
    }

    /** The changes after {@code since}, at most {@code limit}. */
    CompletionStage<Catchup> after(
            RedisAsyncCommands<String, String> redis, String channel, EventId since, int limit) {
        return read(redis, channel, Long.toString(since.seq()), limit)
                .thenApply(
                        r -> {
                            EventId newest = r.newest();
                            boolean unknown =
                                    !since.epoch().equals(r.epoch)
                                            || since.seq() > r.seq
                                            || since.seq() <= r.horizon && r.horizon > 0;
                            boolean trimmed =
                                    r.events.isEmpty()
                                            ? since.seq() < r.seq
                                            : r.events.get(0).eventId().seq() != since.seq() + 1;
                            if (unknown || trimmed) return new Catchup.Gone(newest);
                            EventId last =
                                    r.events.isEmpty()
                                            ? since
                                            : r.events.get(r.events.size() - 1).eventId();
                            return new Catchup.Events(
                                    r.events, last, r.events.size() == limit && last.seq() < r.seq);
                        });
    }

    /** The newest {@code limit} changes, oldest first. */
    CompletionStage<Catchup.Events> newest(
            RedisAsyncCommands<String, String> redis, String channel, int limit) {
        return read(redis, channel, "", limit)
                .thenApply(
                        r -> {
                            List<ContentChanged> events = new ArrayList<>(r.events);
                            java.util.Collections.reverse(events);
                            return new Catchup.Events(events, r.newest(), false);
                        });
    }

    /** The stream's length now. */
    CompletionStage<Long> length(RedisAsyncCommands<String, String> redis, String channel) {
        return redis.xlen(keys(channel)[0]);
    }

    private record Read(String epoch, long seq, long horizon, List<ContentChanged> events) {
        EventId newest() {
            return epoch.isEmpty() || seq == 0 ? null : new EventId(epoch, seq);
        }
    }

    private CompletionStage<Read> read(
            RedisAsyncCommands<String, String> redis, String channel, String from, int limit) {
        return redis.<List<Object>>eval(
                        READ, ScriptOutputType.MULTI, keys(channel), from, Integer.toString(limit))
                .thenApply(
                        reply -> {
                            String epoch = String.valueOf(reply.get(0));
                            long seq = Long.parseLong(String.valueOf(reply.get(1)));
                            long horizon = Long.parseLong(String.valueOf(reply.get(2)));
                            List<ContentChanged> events = new ArrayList<>();
                            for (Object entry : (List<?>) reply.get(3)) {
                                List<?> pair = (List<?>) entry;
                                String streamId = String.valueOf(pair.get(0));
                                List<?> fields = (List<?>) pair.get(1);
                                long n =
                                        Long.parseLong(
                                                streamId.substring(0, streamId.indexOf('-')));
                                events.add(
                                        ChangeCodec.decode(String.valueOf(fields.get(1)))
                                                .numbered(new EventId(epoch, n)));
                            }
                            return new Read(epoch, seq, horizon, events);
                        });
    }

    /** Parses a published message; see the class comment for its form. */
    static Published parse(String message) {
        int a = message.indexOf(' ');
        int b = message.indexOf(' ', a + 1);
        int c = message.indexOf(' ', b + 1);
        EventId id =
                new EventId(message.substring(0, a), Long.parseLong(message.substring(a + 1, b)));
        long horizon = Long.parseLong(message.substring(b + 1, c));
        return new Published(ChangeCodec.decode(message.substring(c + 1)).numbered(id), horizon);
    }

    record Published(ContentChanged change, long horizon) {}

    /** A candidate epoch, used only when Redis holds none: random, short, lowercase. */
    private static String newEpoch() {
        return Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }
}
