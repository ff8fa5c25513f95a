package io.supportagent.platform;

/**
 * A test key ({@code sk_test_}) asked for something only a live key may do, such as changing the configuration both
 * modes share or issuing a live key: 403 {@code live_mode_required}.
 */
public class LiveModeRequired extends Forbidden {

    public LiveModeRequired(String detail) {
        super("live_mode_required", detail);
    }
}
