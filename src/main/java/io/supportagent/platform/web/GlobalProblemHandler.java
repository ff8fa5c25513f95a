package io.supportagent.platform.web;

import io.supportagent.platform.ApiProblem;
import io.supportagent.platform.Forbidden;
import io.supportagent.platform.MalformedUrl;
import io.supportagent.platform.ServiceUnavailable;
import io.supportagent.platform.Unauthenticated;
import io.supportagent.platform.db.DatabaseFailures;
import io.supportagent.platform.db.DatabaseOutages;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error answers RFC 9457 problem details with a stable {@code code}: the platform's own {@link ApiProblem}s,
 * Spring MVC's errors (malformed JSON, unknown or mistyped fields, failed validation, wrong method or media type),
 * a database that is away, saturated or too slow (503 {@code service_unavailable} with {@code Retry-After}), and as
 * a last resort anything unexpected, which is logged and answered without internals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class GlobalProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalProblemHandler.class);

    private final DatabaseOutages outages;

    GlobalProblemHandler(DatabaseOutages outages) {
        this.outages = outages;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem e) {
        ProblemDetail problem = Problems.problem(e.status(), e.code(), e.title(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return Problems.response(problem, e.headers());
    }

    /** A parameter read during handling broke the firewall's rules (see the security layer's firewall). */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return apiProblem(new MalformedUrl(e.getMessage()));
    }

    /** Method security refused the caller: 403, or 401 when the request proved nothing at all. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null || !who.isAuthenticated() || who instanceof AnonymousAuthenticationToken) {
            return apiProblem(new Unauthenticated("unauthenticated", "This route needs credentials.", "Bearer"));
        }
        return apiProblem(new Forbidden("forbidden", "This caller may not do this."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = Problems.problem(
                HttpStatus.BAD_REQUEST,
                "validation_failed",
                "Validation failed",
                "Parameter '" + e.getName() + "' has an invalid value.");
        problem.setProperty("errors", Map.of(e.getName(), "invalid value"));
        return Problems.response(problem, Map.of());
    }

    /** A safety net: constraint and data errors the database raised answer 4xx, never 500. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> dataIntegrity(DataIntegrityViolationException e) {
        log.warn(
                "Request refused by a database constraint: {}",
                e.getMostSpecificCause().getMessage());
        if (e instanceof DuplicateKeyException) {
            return Problems.response(
                    Problems.problem(
                            HttpStatus.CONFLICT, "conflict", "Conflict", "An object with these values exists already."),
                    Map.of());
        }
        return Problems.response(
                Problems.problem(
                        HttpStatus.BAD_REQUEST,
                        "validation_failed",
                        "Validation failed",
                        "The request holds values that cannot be stored."),
                Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseFailures.unavailable(e)) {
            outages.requestFailed(e);
            return apiProblem(new ServiceUnavailable());
        }
        log.error("Unexpected error", e);
        return Problems.response(
                Problems.problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal_error",
                        "Internal error",
                        "Something went wrong on our side; the request id identifies it."),
                Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getBindingResult()
                .getFieldErrors()
                .forEach(f -> errors.putIfAbsent(JsonNames.snakeCase(f.getField()), f.getDefaultMessage()));
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(g -> errors.putIfAbsent(g.getObjectName(), g.getDefaultMessage()));
        return validation("The request has invalid fields.", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getParameterValidationResults()
                .forEach(r -> r.getResolvableErrors()
                        .forEach(err -> errors.putIfAbsent(
                                JsonNames.snakeCase(r.getMethodParameter().getParameterName()),
                                err.getDefaultMessage())));
        return validation("The request has invalid parameters.", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = unknown.getPropertyName();
            return validation("Unknown field '" + field + "'.", Map.of(field, "unknown field"));
        }
        if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            String field = JsonNames.path((DatabindException) cause);
            if (!field.isEmpty()) {
                // Text refused by StrictStrings and moments refused by StrictInstants name their reason.
                String message = cause instanceof InvalidFormatException invalid
                                && (invalid.getTargetType() == String.class
                                        || invalid.getTargetType() == java.time.Instant.class)
                                && invalid.getValue() instanceof String
                        ? invalid.getOriginalMessage()
                        : "wrong type or format";
                return validation("Field '" + field + "' is invalid: " + message + ".", Map.of(field, message));
            }
        }
        String detail =
                cause instanceof JacksonException ? "The body is not valid JSON." : "The body could not be read.";
        ProblemDetail problem =
                Problems.problem(HttpStatus.BAD_REQUEST, "malformed_request", "Malformed request", detail);
        return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail given ? given : null;
        String detail = problem != null && problem.getDetail() != null ? problem.getDetail() : e.getMessage();
        ProblemDetail ours = Problems.problem(status, codeFor(status), titleFor(status), detail);
        HttpHeaders merged = new HttpHeaders();
        merged.putAll(headers);
        merged.setContentType(Problems.PROBLEM_JSON);
        return new ResponseEntity<>(ours, merged, status);
    }

    private ResponseEntity<Object> validation(String detail, Map<String, String> errors) {
        ProblemDetail problem =
                Problems.problem(HttpStatus.BAD_REQUEST, "validation_failed", "Validation failed", detail);
        problem.setProperty("errors", errors);
        return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(Problems.PROBLEM_JSON);
        return headers;
    }

    static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            default -> status.is4xxClientError() ? "bad_request" : "internal_error";
        };
    }

    private static String titleFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
