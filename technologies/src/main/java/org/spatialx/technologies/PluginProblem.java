package org.spatialx.technologies;

/**
 * A plugin that was skipped, and why: a bad descriptor, an incompatible {@code plugin.requires},
 * a plugin or technology that throws, or a technology id that is already taken.
 *
 * @param plugin  the plugin's id, or its file when the descriptor could not be read
 * @param problem what went wrong and what to do about it
 */
public record PluginProblem(String plugin, String problem) {

    @Override
    public String toString() {
        return plugin + ": " + problem;
    }
}
