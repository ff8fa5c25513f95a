/** The one-time move of an earlier single-tenant database (stores, conversations, messages) to the multi-tenant schema. */
package io.supportagent.legacy;
