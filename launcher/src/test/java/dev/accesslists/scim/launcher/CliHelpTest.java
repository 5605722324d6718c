package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command answers {@code --help}, and every option and parameter says what it is for. */
class CliHelpTest {
    @Test
    void shouldAnswerHelpForEveryCommandIncludingUp() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"up", "--help"},
                new String[] {"help", "up"}, new String[] {"audit", "members", "--help"})) {
            StringWriter out = new StringWriter();
            CommandLine line = Cli.commandLine();
            line.setOut(new PrintWriter(out));
            line.setErr(new PrintWriter(out));
            int code = line.execute(args);
            assertThat(code).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).as(String.join(" ", args)).contains("Usage: pipeline").doesNotContain("Unknown");
        }
    }

    @Test
    void shouldDescribeEveryOptionOfEveryCommand() {
        List<String> undescribed = new ArrayList<>();
        visit(Cli.commandLine(), undescribed);
        assertThat(undescribed).isEmpty();
    }

    private static void visit(CommandLine line, List<String> undescribed) {
        CommandLine.Model.CommandSpec spec = line.getCommandSpec();
        if (spec.usageMessage().description().length == 0) {
            undescribed.add(spec.qualifiedName() + " (the command itself)");
        }
        for (CommandLine.Model.OptionSpec option : spec.options()) {
            if (!option.hidden() && String.join("", option.description()).isBlank()) {
                undescribed.add(spec.qualifiedName() + " " + option.longestName());
            }
        }
        for (CommandLine.Model.PositionalParamSpec parameter : spec.positionalParameters()) {
            if (String.join("", parameter.description()).isBlank()) {
                undescribed.add(spec.qualifiedName() + " " + parameter.paramLabel());
            }
        }
        line.getSubcommands().values().forEach(sub -> visit(sub, undescribed));
    }
}
