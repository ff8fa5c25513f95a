package io.supportagent.platform.warmup;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code warmUp} in the readiness group: OUT_OF_SERVICE (503) while the node warms up ({@link WarmUp}), so that a
 * load balancer sends it nothing yet; UP once it is done (at once when the warm-up is off). Not part of liveness: a
 * node warming up is alive.
 */
@Component("warmUpHealthIndicator")
class WarmUpHealthIndicator implements HealthIndicator {

    private final WarmUp warmUp;

    WarmUpHealthIndicator(WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public Health health() {
        return warmUp.finished() ? Health.up().build() : Health.outOfService().build();
    }
}
