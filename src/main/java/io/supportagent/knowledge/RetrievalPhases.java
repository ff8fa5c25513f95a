package io.supportagent.knowledge;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Where one question's retrieval spends its time, for {@code bench/knowledge}: recorded only on a thread that asks
 * for it ({@link #record}), so that the slowest questions can be told apart by cause (the question's embedding, the
 * lexical query, the dense scan…) rather than by total alone. Elsewhere a mark costs a clock read.
 */
public final class RetrievalPhases {

    /** The parts of {@code Retriever.retrieve}, in the order it runs them. */
    public enum Phase {
        /** Language, the store's index (its build or update when stale), translation into English. */
        INDEX,
        /** Typo correction against the store's words. */
        CORRECTION,
        /** Synonyms, abroad, word rarities, the fuzzy terms. */
        TERMS,
        LEXICAL,
        /** The question's embedding (a cache hit for a repeated question). */
        EMBEDDING,
        DENSE,
        /** Rank fusion, the candidate articles and their sentences' scores. */
        CANDIDATES
    }

    private static final ThreadLocal<long[]> RECORDING = new ThreadLocal<>();

    private RetrievalPhases() {}

    private static final int PHASES = Phase.values().length;

    /**
     * Runs the work on this thread and returns the nanoseconds spent in each {@link Phase}, indexed by ordinal: the
     * time that passed, then the thread's processor time (which a loaded machine's waits for a core do not inflate).
     */
    public static long[] record(Runnable work) {
        long[] spent = new long[2 * PHASES + 1]; // the last: the thread's processor time at the latest mark
        spent[2 * PHASES] = THREADS.getCurrentThreadCpuTime();
        long[] outer = RECORDING.get();
        RECORDING.set(spent);
        try {
            work.run();
        } finally {
            RECORDING.set(outer);
        }
        return Arrays.copyOf(spent, 2 * PHASES);
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Charges the time since {@code since} to a phase when recording; returns now, the next phase's start. */
    static long mark(Phase phase, long since) {
        long now = System.nanoTime();
        long[] spent = RECORDING.get();
        if (spent != null) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            spent[phase.ordinal()] += now - since;
            spent[PHASES + phase.ordinal()] += cpu - spent[2 * PHASES];
            spent[2 * PHASES] = cpu;
        }
        return now;
    }
}
