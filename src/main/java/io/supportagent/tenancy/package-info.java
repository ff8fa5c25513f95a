/** Organizations (the tenants), their tiers and limits, and their stores. */
package io.supportagent.tenancy;
