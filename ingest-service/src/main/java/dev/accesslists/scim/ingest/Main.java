package dev.accesslists.scim.ingest;

/** Runs the ingest service alone, configured from the environment. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        dev.accesslists.scim.schemas.runtime.JvmDefaults.apply();
        IngestApp app = new IngestApp(IngestSettings.fromEnv(System.getenv())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "ingest-shutdown"));
    }
}
