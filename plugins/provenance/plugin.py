from saleor.plugins.base_plugin import BasePlugin


class ProvenancePlugin(BasePlugin):
    PLUGIN_ID = "otop.provenance"
    PLUGIN_NAME = "OTOP provenance"
    DEFAULT_ACTIVE = True
    DEFAULT_CONFIGURATION = []
    CONFIG_STRUCTURE = {}
