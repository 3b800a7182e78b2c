package kz.labour.reporting.support;

import java.net.Socket;
import java.util.Map;

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
 * lists no AUTH and it does not know the AUTH command. Everything else is GreenMail's own SMTP server,
 * which takes and stores the messages. (Stock GreenMail always offers AUTH.)
 */
public final class RelayWithoutLogin extends GreenMail {

    public RelayWithoutLogin(ServerSetup setup) {
        super(setup);
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = super.createServices(config, managers);
        for (ServerSetup setup : config) {
            if (setup.getProtocol().equals(ServerSetup.PROTOCOL_SMTP)) {
                services.put(setup.getProtocol(), new SmtpServer(setup, managers) {
                    @Override
                    protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
                        return new SmtpHandler(new CommandsWithoutLogin(), managers.getSmtpManager(), clientSocket);
                    }
                });
            }
        }
        return services;
    }

    /** GreenMail's commands, with an EHLO that offers no extension and no AUTH command. */
    private static final class CommandsWithoutLogin extends SmtpCommandRegistry {

        private static final SmtpCommand EHLO = new SmtpCommand() {
            @Override
            public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine) {
                conn.setHeloName(commandLine.length() > 5 ? commandLine.substring(5) : null);
                state.clearMessage();
                conn.send("250 " + conn.getServerGreetingsName());
            }
        };

        @Override
        public SmtpCommand getCommand(String name) {
            return switch (name) {
                case "EHLO", "HELO" -> EHLO;
                case "AUTH" -> null;
                default -> super.getCommand(name);
            };
        }
    }
}
