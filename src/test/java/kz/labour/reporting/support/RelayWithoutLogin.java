package kz.labour.reporting.support;

import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * GreenMail as a relay that offers no login, like a relay's port for unauthenticated mail: its EHLO
 * lists no AUTH and it does not know the AUTH command. (Stock GreenMail always offers AUTH.) With
 * {@code dsn} its EHLO announces DSN (RFC 3461), which stock GreenMail does not, so a client rightly
 * sends no DSN parameters to it. It keeps the envelope commands as the client wrote them
 * ({@link #envelope()}), so a test sees the MAIL FROM and RCPT TO parameters on the wire. Everything
 * else is GreenMail's own SMTP server, which takes and stores the messages; it writes no DSNs: that
 * is a real MTA's part (the system test's Postfix).
 */
public final class RelayWithoutLogin extends GreenMail {

    private final boolean dsn;
    private final List<String> envelope = new CopyOnWriteArrayList<>();

    /** Announcing no extension at all. */
    public RelayWithoutLogin(ServerSetup setup) {
        this(setup, false);
    }

    public RelayWithoutLogin(ServerSetup setup, boolean dsn) {
        super(setup);
        this.dsn = dsn;
    }

    /** The MAIL FROM and RCPT TO lines received, in order. */
    public List<String> envelope() {
        return List.copyOf(envelope);
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = super.createServices(config, managers);
        for (ServerSetup setup : config) {
            if (setup.getProtocol().equals(ServerSetup.PROTOCOL_SMTP)) {
                services.put(setup.getProtocol(), new SmtpServer(setup, managers) {
                    @Override
                    protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
                        return new SmtpHandler(new Commands(), managers.getSmtpManager(), clientSocket);
                    }
                });
            }
        }
        return services;
    }

    private final class Commands extends SmtpCommandRegistry {

        private final SmtpCommand ehlo = new SmtpCommand() {
            @Override
            public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine) {
                conn.setHeloName(commandLine.length() > 5 ? commandLine.substring(5) : null);
                state.clearMessage();
                if (dsn) {
                    conn.send("250-" + conn.getServerGreetingsName());
                    conn.send("250 DSN");
                } else {
                    conn.send("250 " + conn.getServerGreetingsName());
                }
            }
        };

        @Override
        public SmtpCommand getCommand(String name) {
            return switch (name) {
                case "EHLO", "HELO" -> ehlo;
                case "AUTH" -> null;
                case "MAIL", "RCPT" -> recorded(super.getCommand(name));
                default -> super.getCommand(name);
            };
        }

        private SmtpCommand recorded(SmtpCommand command) {
            return new SmtpCommand() {
                @Override
                public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine)
                        throws java.io.IOException {
                    envelope.add(commandLine);
                    command.execute(conn, state, manager, commandLine);
                }
            };
        }
    }
}
