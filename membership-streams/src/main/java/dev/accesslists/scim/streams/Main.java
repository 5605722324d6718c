package dev.accesslists.scim.streams;

/** Runs membership-streams alone, configured from the environment. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        dev.accesslists.scim.schemas.runtime.JvmDefaults.apply();
        MembershipStreamsApp app = new MembershipStreamsApp(StreamsSettings.fromEnv(System.getenv())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "membership-streams-shutdown"));
    }
}
