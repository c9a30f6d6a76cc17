package org.spatialx.technologies.testplugin;

import org.pf4j.Plugin;

/** A plugin whose start() throws; packed by {@code PluginCatalogTest} as plugin.class of a jar. */
public class FailingStartPlugin extends Plugin {

    @Override
    public void start() {
        throw new IllegalStateException("licence server unreachable");
    }
}
