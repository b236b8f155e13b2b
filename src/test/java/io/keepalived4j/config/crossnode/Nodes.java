package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.syntax.Limits;

import java.util.ArrayList;
import java.util.List;

/** Loads node files from text, as the CLI loads them from disk. */
final class Nodes {

    private Nodes() {
    }

    static NodeFile load(String name, String text) {
        LoadResult r = ConfigLoader.loadText(name, text, new LoadOptions("test", Limits.DEFAULT, 0));
        if (r.model() == null) {
            throw new AssertionError("could not load " + name + ": " + r.diagnostics().all());
        }
        return NodeFile.of(name, r.model(), r.tree());
    }

    /** Pairs of (name, text). */
    static List<NodeFile> load(String... nameAndText) {
        List<NodeFile> nodes = new ArrayList<>();
        for (int i = 0; i < nameAndText.length; i += 2) {
            nodes.add(load(nameAndText[i], nameAndText[i + 1]));
        }
        return nodes;
    }

    static List<Finding> check(String... nameAndText) {
        return CrossNodeCheck.run(load(nameAndText));
    }

    static List<Finding> withCode(List<Finding> findings, String code) {
        return findings.stream().filter(f -> f.code().equals(code)).toList();
    }
}
