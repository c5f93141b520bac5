package dev.poolstarter.autoconfigure.profile;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One layered client setting: its property name and how to read it from a layer of
 * settings of type {@code S}.
 *
 * @param <S> the settings type, such as {@link RedisSettings}
 * @param <T> the value type
 * @param key the property name below the client's prefix, such as {@code command-timeout}
 * @param getter reads the setting from a layer
 * @author pool-starter
 * @since 0.1.0
 */
public record ClientSetting<S, T>(String key, Function<S, @Nullable T> getter) {
}
