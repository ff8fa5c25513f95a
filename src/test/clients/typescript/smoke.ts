// An integrator's first hour, written only against the TypeScript client (typescript-fetch) generated from the
// served OpenAPI document: the operator creates an organization, which lists the agent definitions, creates a
// store, deploys an agent, starts a conversation, sends a message, reads its usage, and handles a 404 and a 429 as
// problems. Compiled with tsc and run with Node by GeneratedClientsTests; exits non-zero on any failure.
import {
    AgentsApi,
    Configuration,
    ConversationsApi,
    CreateOrganizationTierEnum,
    MessageRequestRoleEnum,
    OrganizationsApi,
    Problem,
    ProblemFromJSON,
    ResponseError,
    StoresApi,
    UsageApi,
} from './index';

declare const process: { env: Record<string, string | undefined>; exit(code: number): never };

/** An error answer, typed: its status and its problem body as the generated Problem model. */
class Refusal {
    constructor(readonly status: number, readonly problem: Problem) {}
}

async function refusal(error: unknown): Promise<Refusal> {
    if (!(error instanceof ResponseError)) {
        throw error;
    }
    const type = error.response.headers.get('Content-Type') ?? '';
    check(type.startsWith('application/problem+json'), `a problem body: ${type}`);
    return new Refusal(error.response.status, ProblemFromJSON(await error.response.json()));
}

async function refused(call: () => Promise<unknown>): Promise<Refusal> {
    let answer: unknown;
    try {
        answer = await call();
    } catch (error) {
        return refusal(error);
    }
    throw new Error(`expected a refusal, got ${JSON.stringify(answer)}`);
}

function check(condition: boolean, what: string): void {
    if (!condition) {
        throw new Error(what);
    }
}

function config(basePath: string, accessToken: string): Configuration {
    return new Configuration({ basePath, accessToken });
}

async function main(): Promise<void> {
    const base = process.env.BASE_URL!;
    const operator = new OrganizationsApi(config(base, process.env.OPERATOR_TOKEN!));

    const org = await operator.createOrganization({
        createOrganization: { name: `TypeScript client ${Date.now()}`, tier: CreateOrganizationTierEnum.Pro },
        idempotencyKey: `ts-${Date.now()}-${Math.random()}`,
    });
    const liveKey = org.liveKey!.secret!;
    check(liveKey.startsWith('sk_live_'), 'a live key, shown once');
    const live = config(base, liveKey);

    const definitions = await new AgentsApi(live).listAgentDefinitions({ type: 'customer_service', limit: 100 });
    const definition = definitions.data!.find((d) => d.version === '1.0.0');
    check(definition !== undefined, 'customer_service 1.0.0 is published');

    const store = await new StoresApi(live).createStore({
        createStore: {
            name: 'Trail Outfitters',
            domain: 'shop.trail.example',
            allowedOrigins: ['https://shop.trail.example'],
        },
    });
    const instance = await new AgentsApi(live).deployAgentInstance({
        deployInstance: {
            storeId: store.id!,
            agentDefinitionId: definition!.id!,
            name: 'Trail assistant',
            config: { greeting: 'Hello from TypeScript' },
        },
    });
    check(instance.publicKey!.startsWith('pk_widget_'), 'a widget key');
    check(typeof instance.config === 'object', 'the config is an object');

    const conversations = new ConversationsApi(live);
    const conversation = await conversations.startConversation({
        startConversation: { agentInstanceId: instance.id!, customerName: 'Alice' },
    });
    check(conversation.status === 'open', `an open conversation: ${conversation.status}`);
    const exchange = await conversations.sendMessage({
        id: conversation.id!,
        messageRequest: { role: MessageRequestRoleEnum.Customer, content: 'How long does shipping take?' },
    });
    check(exchange.message !== undefined && exchange.conversation !== undefined, 'an exchange');

    const usage = await new UsageApi(live).getUsage();
    check(usage.conversations === 1, `one conversation counted: ${usage.conversations}`);
    const events = await new UsageApi(live).listUsageEvents({ period: usage.period, limit: 10 });
    check(events.data!.length === 1, `one usage event: ${events.data!.length}`);

    const notFound = await refused(() => new StoresApi(live).getStore({ id: '00000000-0000-4000-8000-000000000000' }));
    check(notFound.status === 404 && notFound.problem.code === 'not_found', `404: ${JSON.stringify(notFound)}`);

    // An organization allowed one request at a time: the second in a row is refused.
    const slow = await operator.createOrganization({
        createOrganization: {
            name: `Throttled ${Date.now()}`,
            tier: CreateOrganizationTierEnum.Enterprise,
            customPricing: { rateLimitPerSecond: 1, rateLimitBurst: 1 },
        },
    });
    const throttled = new OrganizationsApi(config(base, slow.liveKey!.secret!));
    let tooMany: Refusal | undefined;
    for (let i = 0; i < 10 && tooMany === undefined; i++) {
        try {
            await throttled.getOrganization();
        } catch (error) {
            tooMany = await refusal(error);
        }
    }
    check(tooMany !== undefined && tooMany.status === 429, `a 429: ${JSON.stringify(tooMany)}`);
    check(tooMany!.problem.code === 'rate_limited', `rate_limited: ${JSON.stringify(tooMany)}`);

    console.log(`flow ok; 404 ${notFound.problem.code}; 429 ${tooMany!.problem.code}`);
}

main().catch((error) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
});
