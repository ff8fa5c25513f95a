package io.supportagent.platform;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Locale;

/** A command's question before it changes something it cannot take back: only {@code y} or {@code yes} goes on. */
public final class Confirmation {

    private Confirmation() {}

    /** Asks on the terminal (or standard input); no answer, or anything but y/yes, is a no. */
    public static boolean confirmed(PrintStream out, String question) {
        out.print(question + " [y/N] ");
        out.flush();
        String answer;
        Console console = System.console();
        try {
            answer = console != null
                    ? console.readLine()
                    : new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
        } catch (IOException e) {
            answer = null;
        }
        out.println();
        if (answer == null) {
            return false;
        }
        String a = answer.strip().toLowerCase(Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }
}
