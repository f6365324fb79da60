package org.rocketmqts.interop;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.rocketmq.tools.command.MQAdminStartup;

/**
 * Runs many `mqadmin` commands in one JVM, the way `mqadmin` runs one: each through
 * MQAdminStartup.main0 (the body of its main), with System.out and System.err captured.
 *
 *   AdminBatch <file>    one command per line, its arguments separated by TAB characters
 *
 * Prints for each command `@@@BEGIN <n>`, what the command printed, `@@@END <n> <millis>`. A JVM
 * per command costs ~5 s of start-up on the CI machine; the suite runs ~25 commands per cluster.
 * MQAdminStartup.main catches every command's exception and prints it (the process still exits
 * 0), and only calls System.exit on an unparsable command line: a command that would not have
 * exited 0 shows as a missing @@@END, which the suite checks.
 */
public final class AdminBatch {
    public static void main(String[] argv) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(argv[0]), StandardCharsets.UTF_8);
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        int index = 0;
        for (String line : lines) {
            if (line.isBlank()) continue;
            String[] args = line.split("\t");
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
            long started = System.nanoTime();
            System.setOut(capture);
            System.setErr(capture);
            try {
                MQAdminStartup.main0(args, null);
            } catch (Throwable thrown) {
                thrown.printStackTrace(capture);
            } finally {
                System.setOut(realOut);
                System.setErr(realErr);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            realOut.println("@@@BEGIN " + index);
            realOut.print(captured.toString(StandardCharsets.UTF_8));
            realOut.println("@@@END " + index + " " + millis);
            realOut.flush();
            index++;
        }
        System.exit(0);
    }
}
