package io.supportagent.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The node's periodic background work (webhook deliveries, last-used times, the idempotency purge), run so that it
 * rides out an outage of the database by itself: each job on a thread of its own, so one stuck job holds up no
 * other; a failed run is counted ({@code support_agent_background_failures_total{job}}, and
 * {@code support_agent_background_failing{job}} is 1 until a run succeeds again), logged once per streak of failures
 * rather than at every attempt, and tried again after at most {@link #RETRY} rather than a whole period later. A job
 * keeps what it has not done yet for its next run: a failure must never drop work silently.
 */
@Component
public class BackgroundJobs implements DisposableBean {

    /** The longest wait after a failed run: an outage's end is noticed within this. */
    public static final Duration RETRY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);

    private final MeterRegistry meters;
    private final List<Job> jobs = new CopyOnWriteArrayList<>();

    BackgroundJobs(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Runs {@code work} every {@code every} (the first time after one period), until the node stops. */
    public Job schedule(String name, Duration every, Runnable work) {
        Job job = new Job(name, every, work);
        jobs.add(job);
        job.next(every);
        return job;
    }

    @Override
    public void destroy() {
        jobs.forEach(Job::stop);
    }

    /** One scheduled job. */
    public final class Job {

        private final String name;
        private final Duration every;
        private final Runnable work;
        private final ScheduledExecutorService thread;
        private final Counter failures;
        private final AtomicInteger failing = new AtomicInteger();
        private int streak;

        private Job(String name, Duration every, Runnable work) {
            this.name = name;
            this.every = every;
            this.work = work;
            this.thread = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name(name).factory());
            this.failures = Counter.builder("support_agent.background.failures")
                    .description("Failed runs of a background job (retried until one succeeds)")
                    .tag("job", name)
                    .register(meters);
            Gauge.builder("support_agent.background.failing", failing, AtomicInteger::get)
                    .description("1 while a background job's latest run failed")
                    .tag("job", name)
                    .register(meters);
        }

        private void next(Duration delay) {
            try {
                thread.schedule(this::runScheduled, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // shutting down
            }
        }

        private void runScheduled() {
            next(runOnce() ? every : min(every, RETRY));
        }

        /** One run, on the job's thread; answers whether it succeeded. */
        private boolean runOnce() {
            try {
                work.run();
            } catch (RuntimeException e) {
                failures.increment();
                failing.set(1);
                if (streak++ == 0) {
                    log.warn(
                            "Background job {} failed ({}); retrying every {} s until it succeeds",
                            name,
                            e.toString(),
                            min(every, RETRY).toSeconds());
                } else {
                    log.debug("Background job {} failed again: {}", name, e.toString());
                }
                return false;
            }
            if (streak > 0) {
                log.info("Background job {} runs again, after {} failed runs", name, streak);
                streak = 0;
                failing.set(0);
            }
            return true;
        }

        /**
         * Runs the job once more now, on its thread, waiting at most {@code bound}: a last run at shutdown must not
         * wait on a database that may be gone.
         */
        public void runNow(Duration bound) {
            try {
                thread.submit(this::runOnce).get(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.debug(
                        "Background job {} did not finish its last run: {}",
                        name,
                        e.getClass().getSimpleName());
            }
        }

        /** No more runs; a run in progress is interrupted. */
        public void stop() {
            thread.shutdownNow();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
