package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README shows the consumer example as it is in {@code examples/consumer}, byte for byte, and
 * the example compiles with only kafka-clients and Jackson. ({@link ConsumerExampleIT} runs it.)
 */
class ConsumerExampleTest {
    private static final String FENCE = "```";

    @Test
    void shouldShowTheExampleInTheReadmeByteForByte() throws IOException {
        // Given
        String readme = Files.readString(ConsumerExample.README);

        // When
        List<String> shown = javaBlocks(readme).stream()
                .filter(block -> block.contains("class " + ConsumerExample.MAIN_CLASS + " "))
                .toList();

        // Then
        assertThat(shown).as("README code blocks with the consumer example").hasSize(1);
        assertThat(shown.get(0)).as("the README's copy of %s", ConsumerExample.SOURCE)
                .isEqualTo(ConsumerExample.source());
    }

    @Test
    void shouldCompileWithNothingButKafkaClientsAndJackson(@TempDir Path classes) throws IOException {
        // Given
        assertThat(ConsumerExample.compileClasspath()).hasSize(4)
                .allSatisfy(jar -> assertThat(jar.getFileName().toString())
                        .matches("(kafka-clients|jackson-databind|jackson-core|jackson-annotations)-.*\\.jar"));

        // When
        String diagnostics = ConsumerExample.compile(classes);

        // Then no warning either, and the class has a main method
        assertThat(diagnostics).isEmpty();
        assertThat(classes.resolve(ConsumerExample.MAIN_CLASS + ".class")).exists();
    }

    @Test
    void shouldFindTheJavaBlocksOfAMarkdownText() {
        assertThat(javaBlocks("""
                text
                ```java
                class A {
                }
                ```
                ```bash
                echo
                ```
                ```java
                ```
                """)).containsExactly("class A {\n}\n", "");
    }

    /** The text of every fenced {@code java} block, each line with its line end, fences left out. */
    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : markdown.split("\n", -1)) {
            if (block == null) {
                if (line.equals(FENCE + "java")) {
                    block = new StringBuilder();
                }
            } else if (line.equals(FENCE)) {
                blocks.add(block.toString());
                block = null;
            } else {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
