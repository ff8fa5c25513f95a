package io.supportagent.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * What Tomcat refuses before any filter or controller sees the request (a request line with a space or a brace in it,
 * a header with control characters, headers over the size limit) answers the same problem+json as every other
 * refusal, instead of Tomcat's HTML error page: Tomcat's error report valve, which writes that page, is replaced by
 * one that writes a problem. Ordered last, so that it replaces the valve Spring Boot adds.
 */
@Component
class ConnectorProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final ObjectMapper json;

    ConnectorProblems(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                // Else the host adds Tomcat's own when it starts, finding none of that class.
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                host.getPipeline().addValve(new ProblemReportValve(json));
            }
        });
    }

    /** Tomcat's error report, as a problem. */
    static final class ProblemReportValve extends ErrorReportValve {

        private final ObjectMapper json;

        ProblemReportValve(ObjectMapper json) {
            this.json = json;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // As Tomcat's own: nothing for a success, a body already begun, or an error reported already.
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            String code =
                    status == 400 ? "malformed_request" : title.toLowerCase().replace(' ', '_');
            String detail = status == 400
                    ? "The request line or a header cannot be read: characters that must be percent-encoded (a space,"
                            + " '{', '|', '\"'), control characters, or a malformed header."
                    : title + ".";
            try {
                response.setContentType(Problems.PROBLEM_JSON.toString());
                response.setCharacterEncoding("utf-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(json.writeValueAsString(
                            Problems.problem(HttpStatusCode.valueOf(status), code, title, detail)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException | IllegalArgumentException e) {
                // The client is gone or the response cannot take a body: nothing more to tell.
            }
        }
    }
}
