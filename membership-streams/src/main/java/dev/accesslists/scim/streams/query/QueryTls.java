package dev.accesslists.scim.streams.query;

import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The query API's only connector when mutual TLS is configured: HTTPS that requires a client
 * certificate the trust store trusts. No plain-HTTP connector is opened then.
 */
public final class QueryTls {
    private QueryTls() {
    }

    public static Connector connector(Server server, HttpConfiguration base, SSLContext tls, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls);
        ssl.setNeedClientAuth(true);
        HttpConfiguration https = new HttpConfiguration(base);
        // the client checks the server's name; the server checks the client's certificate
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
