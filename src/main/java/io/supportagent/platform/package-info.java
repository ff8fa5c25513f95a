/** Shared kernel: typed ids, the tenant context, database access, problem details and request ids. */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.supportagent.platform;

import org.springframework.modulith.ApplicationModule;
