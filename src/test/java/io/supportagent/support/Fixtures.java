package io.supportagent.support;

import io.supportagent.apikeys.ApiKeyService;
import io.supportagent.apikeys.IssuedKey;
import io.supportagent.platform.Tenant;
import io.supportagent.tenancy.Organization;
import io.supportagent.tenancy.TenancyService;
import io.supportagent.tenancy.Tier;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Makes organizations with keys for tests, through the modules' real APIs. */
@Component
public class Fixtures {

    private final TenancyService tenancy;
    private final ApiKeyService apiKeys;

    Fixtures(TenancyService tenancy, ApiKeyService apiKeys) {
        this.tenancy = tenancy;
        this.apiKeys = apiKeys;
    }

    /** An organization with one live and one test key. */
    public Org organization(Tier tier) {
        Organization org = tenancy.createOrganization("Test org " + UUID.randomUUID(), tier);
        IssuedKey live = apiKeys.issueAsOperator(org.id(), true, "test live");
        IssuedKey test = apiKeys.issueAsOperator(org.id(), false, "test test");
        return new Org(org, live.secret(), test.secret());
    }

    public record Org(Organization organization, String liveKey, String testKey) {

        public Tenant live() {
            return Tenant.live(organization.id());
        }

        public Tenant test() {
            return Tenant.test(organization.id());
        }
    }
}
