/**
 * The organization dashboard at {@code /app}, rendered on the server (Thymeleaf, htmx for partial updates): a shell
 * of navigation, organization switcher and live/test switch, and one page controller per page, each calling the
 * owning module's service under the member's tenant. It holds no business rule of its own.
 */
package io.supportagent.dashboard;
