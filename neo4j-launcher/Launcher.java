/*
 * A tiny launcher for a real, embedded Neo4j Community server used for development and tests.
 *
 * Run it as a Java 17 single-file program (no compile step), with the jars that
 * `mvn -q -B -f neo4j-launcher/pom.xml dependency:copy-dependencies` copied into neo4j-launcher/target/lib:
 *
 *   java -cp 'neo4j-launcher/target/lib/*' neo4j-launcher/Launcher.java --data DIR --port N [--exit-with-parent]
 *
 * Why it exists: no Docker engine is available on developer and CI machines, and the project
 * wants a real Neo4j (never a fake) that any Python process can start and stop by itself.
 * connections/devdb.py owns its lifecycle.
 *
 * Contract with devdb.py:
 *   - Bolt only, on 127.0.0.1:N, no TLS, no authentication (loopback development server).
 *   - Everything it writes lives under DIR (data in DIR/data, logs in DIR/logs).
 *   - When the server accepts Bolt connections it prints exactly one line
 *     "READY bolt://127.0.0.1:N" to stdout, flushes and closes stdout; anything else goes to stderr,
 *     so a reader that stops reading after READY can never block the server on a full pipe.
 *   - SIGTERM (or any normal JVM exit) shuts the database down cleanly via a shutdown hook.
 *   - With --exit-with-parent it exits when the process that started it dies, so a killed test
 *     run never leaves a server behind.
 *   - Exit status 2 for bad arguments, 1 when the server fails to start.
 */

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

public class Launcher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) {
        // stdout is reserved for the single READY line; route every other write to stderr.
        PrintStream readyOut = System.out;
        System.setOut(System.err);

        Path data = null;
        int port = -1;
        boolean exitWithParent = false;
        // Modest memory for laptops and CI unless asked for more (connections.devdb: the
        // CONNECTIONS_NEO4J_PAGECACHE setting, `connections db start --pagecache`).
        long pagecache = ByteUnit.mebiBytes(256);
        long transactionMemory = ByteUnit.mebiBytes(256);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = (i + 1 < args.length) ? Path.of(args[++i]) : null;
                case "--port" -> port = (i + 1 < args.length) ? parsePort(args[++i]) : -1;
                case "--pagecache" -> pagecache = parseBytes(args, ++i);
                case "--transaction-memory" -> transactionMemory = parseBytes(args, ++i);
                case "--exit-with-parent" -> exitWithParent = true;
                default -> usage("unknown argument: " + args[i]);
            }
        }
        if (data == null) {
            usage("--data DIR is required");
        }
        if (port < 1 || port > 65535) {
            usage("--port N (1-65535) is required");
        }

        // Remember the parent now: once it dies we are re-parented and parent() changes.
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();

        // Registered before the build so a SIGTERM during start-up still shuts down what started.
        AtomicReference<DatabaseManagementService> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DatabaseManagementService dbms = running.getAndSet(null);
            if (dbms != null) {
                System.err.println("Launcher: shutting down the Neo4j server");
                try {
                    dbms.shutdown();
                } catch (Throwable e) {
                    e.printStackTrace(System.err);
                }
            }
            stopped.countDown();
        }, "neo4j-launcher-shutdown"));

        // Watch from the start: a parent killed during the seconds of start-up must not leave us.
        if (exitWithParent) {
            watchParent(parent);
        }

        DatabaseManagementService service;
        try {
            Path home = data.toAbsolutePath().normalize();
            Files.createDirectories(home);
            service = new DatabaseManagementServiceBuilder(home)
                    // Bolt on loopback only; Neo4j's HTTP endpoints stay off.
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                    .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    // A loopback development server: no users, no passwords.
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    // Everything under DIR: server.directories.data = DIR/data, logs = DIR/logs.
                    .setConfig(GraphDatabaseSettings.data_directory, home.resolve("data"))
                    .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                    .setConfig(GraphDatabaseSettings.load_csv_file_url_root, home.resolve("import"))
                    // dbms.usage_report.enabled: never phone home.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // server.memory.pagecache.size, and all transactions' memory together.
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size,
                            transactionMemory)
                    // No query may hang a test run or a developer's session forever.
                    .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(2))
                    .setConfig(GraphDatabaseSettings.lock_acquisition_timeout, Duration.ofSeconds(30))
                    // Small, throwaway stores: do not preallocate 250 MB transaction log files.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // Stop promptly: Netty's default 5 s quiet period per event loop group
                    // otherwise adds about 10 s to every shutdown, and open client connections
                    // would be waited for up to 5 minutes.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout,
                            Duration.ofSeconds(5))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time,
                            Duration.ofSeconds(5))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time,
                            Duration.ofSeconds(5))
                    .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout,
                            Duration.ofSeconds(5))
                    .build();
            running.set(service);
        } catch (Throwable e) {
            System.err.println("Launcher: the Neo4j server failed to start: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }

        try {
            GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(Duration.ofMinutes(3).toMillis())) {
                throw new IllegalStateException("the default database did not become available");
            }
            // Bolt is started together with the DBMS; a trivial query proves the kernel works.
            db.executeTransactionally("RETURN 1");
        } catch (Throwable e) {
            System.err.println("Launcher: the Neo4j server failed to become ready: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }

        readyOut.println("READY bolt://" + HOST + ":" + port);
        readyOut.flush();
        readyOut.close();

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls once a second and exits (running the shutdown hook) when the parent has gone. */
    private static void watchParent(Optional<ProcessHandle> parent) {
        if (parent.isEmpty()) {
            System.err.println("Launcher: no parent process; exiting");
            System.exit(0);
        }
        long parentPid = parent.get().pid();
        Thread watcher = new Thread(() -> {
            while (true) {
                long current = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                // A dead parent is either gone, or we were re-parented (it may still be a zombie).
                if (current != parentPid || !parent.get().isAlive()) {
                    System.err.println("Launcher: parent process " + parentPid + " died; exiting");
                    System.exit(0);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "neo4j-launcher-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A size such as 512m or 2g (ByteUnit's syntax: k, m, g suffixes, binary units). */
    private static long parseBytes(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a size such as 512m or 2g");
        }
        try {
            return ByteUnit.parse(args[i]);
        } catch (IllegalArgumentException e) {
            usage(args[i - 1] + ": not a size: " + args[i]);
            return -1;
        }
    }

    private static void usage(String problem) {
        System.err.println("Launcher: " + problem);
        System.err.println(
                "usage: java -cp 'neo4j-launcher/target/lib/*' neo4j-launcher/Launcher.java"
                        + " --data DIR --port N [--pagecache SIZE] [--transaction-memory SIZE]"
                        + " [--exit-with-parent]");
        System.exit(2);
    }
}
