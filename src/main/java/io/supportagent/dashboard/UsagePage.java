package io.supportagent.dashboard;

import io.supportagent.billing.BillingService;
import io.supportagent.billing.UsageReport;
import io.supportagent.platform.MemberAccess;
import io.supportagent.usage.BillingPeriod;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Usage history: each billing month's conversations against the included ones, overage and thresholds crossed. */
@DashboardPage
class UsagePage {

    static final int PAGE = 12;

    private final BillingService billing;

    UsagePage(BillingService billing) {
        this.billing = billing;
    }

    @GetMapping("/usage")
    @MemberAccess.Billing
    String history(@RequestParam(name = "before", required = false) String before, Model model) {
        YearMonth cursor = before == null || before.isBlank() ? null : BillingPeriod.parseMonth(before, "before");
        List<UsageReport> months = new ArrayList<>();
        if (cursor == null) {
            months.add(billing.currentUsage());
        }
        List<UsageReport> past = billing.usageHistory(PAGE + 1, cursor);
        months.addAll(past.stream().limit(PAGE).toList());
        model.addAttribute("months", months);
        model.addAttribute(
                "current", cursor == null ? months.getFirst().period().code() : null);
        model.addAttribute(
                "next", past.size() > PAGE ? past.get(PAGE - 1).period().code() : null);
        return "dashboard/usage";
    }
}
