/**
 * People: accounts, their memberships of organizations with a role, invitations and password resets by single-use
 * links sent through a mail outbox, dashboard sign-in and sessions, and the audit log every module writes to.
 */
package io.supportagent.members;
