package dev.accesslists.scim.launcher;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;

/**
 * The consumer example of the README ({@code examples/consumer/MembershipConsumer.java}): its
 * source, and how to compile and run it with nothing but kafka-clients and Jackson.
 */
final class ConsumerExample {
    static final Path SOURCE = Path.of("..", "examples", "consumer", "MembershipConsumer.java");
    static final Path README = Path.of("..", "README.md");
    static final String MAIN_CLASS = "MembershipConsumer";

    private ConsumerExample() {
    }

    /**
     * What the example needs to compile: kafka-clients and Jackson (databind, core, annotations),
     * taken from this test's own classpath, and nothing else of it.
     */
    static List<Path> compileClasspath() {
        return Stream.of(KafkaConsumer.class, ObjectMapper.class, JsonParser.class, JsonProperty.class)
                .map(ConsumerExample::jarOf).distinct().toList();
    }

    /** What it needs to run: the same, plus the logging API kafka-clients is written against. */
    static List<Path> runtimeClasspath() {
        return Stream.concat(compileClasspath().stream(), Stream.of(jarOf(Logger.class))).distinct().toList();
    }

    /**
     * Compiles the example into {@code classes} with the system Java compiler.
     *
     * @return the compiler's diagnostics; the compilation failed when an exception is thrown
     */
    static String compile(Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: the build needs a JDK, not a JRE");
        }
        Files.createDirectories(classes);
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(diagnostics, files, null,
                    List.of("--release", "17", "-Xlint:all", "-Werror", "-proc:none", "-d", classes.toString(),
                            "-classpath", path(compileClasspath())),
                    null, files.getJavaFileObjects(SOURCE.toFile())).call();
            if (!compiled) {
                throw new AssertionError("the consumer example does not compile:\n" + diagnostics);
            }
        }
        return diagnostics.toString();
    }

    /** A command that runs the compiled example in a JVM of its own. */
    static List<String> command(Path classes, String... args) {
        List<Path> classpath = Stream.concat(Stream.of(classes), runtimeClasspath().stream()).toList();
        return Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", path(classpath), MAIN_CLASS), Stream.of(args)).toList();
    }

    /** The example's source, as the file holds it. */
    static String source() {
        try {
            return Files.readString(SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(List<Path> entries) {
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
