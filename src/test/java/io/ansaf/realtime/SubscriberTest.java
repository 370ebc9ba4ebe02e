package io.ansaf.realtime;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SubscriberTest {
    private final ClassLoader before = Thread.currentThread().getContextClassLoader();

    @Test
    void sendsRunWithThePlatformClassLoaderAndGiveTheThreadItsOwnBack() {
        ClassLoader[] during = new ClassLoader[1];
        Subscriber.outsideTheApplication(
                () -> during[0] = Thread.currentThread().getContextClassLoader());
        assertSame(ClassLoader.getPlatformClassLoader(), during[0]);
        assertSame(before, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void aFailedSendAlsoGivesTheThreadItsOwnBack() {
        assertThrows(
                IllegalStateException.class,
                () ->
                        Subscriber.outsideTheApplication(
                                () -> {
                                    throw new IllegalStateException("socket closed");
                                }));
        assertSame(before, Thread.currentThread().getContextClassLoader());
    }
}
