package io.ansaf.content;

import io.ansaf.platform.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready} is DOWN while a configured Redis does not answer PING within a second, or
 * the subscription is down: this instance's sockets would miss other instances' changes. Without
 * {@code REDIS_URL} the check is UP with {@code configured: false}: in-process delivery needs no
 * Redis.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {
    static final Duration PING_TIMEOUT = Duration.ofSeconds(1);

    @Inject ChangeFeed feed;

    @Inject Redis redis;

    @Override
    public HealthCheckResponse call() {
        if (!redis.configured()) {
            return HealthCheckResponse.named("redis").up().withData("configured", false).build();
        }
        Optional<String> problem = feed.problem(PING_TIMEOUT);
        return problem.isEmpty()
                ? HealthCheckResponse.named("redis").up().withData("configured", true).build()
                : HealthCheckResponse.named("redis")
                        .down()
                        .withData("configured", true)
                        .withData("error", problem.get())
                        .build();
    }
}
