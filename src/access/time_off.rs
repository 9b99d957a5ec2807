//! The scope filter of the time-off listings that are not rows of one agent: overtime
//! and VTO offers (made to a staffing group or to chosen agents) and group allowances
//! (per forecast group). Requests, balances and the ledger are one agent's rows and go
//! through [`Workspace::visible`].

use wfm_scheduler::timeoff::{AllowanceSlot, OfferedTo};

use super::{Membership, Scope, Target};
use crate::Workspace;
use crate::error::Result;
use crate::timeoff::OfferState;

impl Workspace {
    /// The offers the actor may see (the permission is checked by the caller): all of
    /// them with a scope of the whole workspace (or nobody configured); else an offer
    /// made to a staffing group in scope, whole, and of any other offer only the agents
    /// in scope — their names, their responses — when there is one. So an agent sees the
    /// offers made to them with their own response only, and a supervisor nothing of
    /// another team's offers.
    pub(crate) fn visible_offers(&self, offers: Vec<OfferState>) -> Result<Vec<OfferState>> {
        let grants = self.grants()?;
        if !grants.configured || grants.scope == Scope::All {
            return Ok(offers);
        }
        if !grants.known {
            return Ok(Vec::new());
        }
        let m = self.membership()?;
        let scope = &grants.scope;
        let mine = |agent: &str| m.in_scope(scope, &Target::agent(agent));
        Ok(offers
            .into_iter()
            .filter_map(|mut o| {
                if let OfferedTo::Group(g) = &o.offer.offered_to
                    && m.in_scope(scope, &Target::StaffingGroup(g.clone()))
                {
                    return Some(o);
                }
                o.offer.agents.retain(|a| mine(a));
                if o.offer.agents.is_empty() {
                    return None;
                }
                if let OfferedTo::Agents(list) = &mut o.offer.offered_to {
                    list.retain(|a| mine(a));
                }
                o.responses.retain(|r| mine(&r.agent));
                Some(o)
            })
            .collect())
    }

    /// The allowance slots the actor may see (the permission is checked by the
    /// caller): all of them with a scope of the whole workspace (or nobody configured);
    /// else those of the forecast groups in scope — a supervisor's staffing groups'
    /// forecast groups, an agent's own staffing groups' (the allowances their requests
    /// draw on).
    pub(crate) fn visible_allowances(
        &self,
        slots: Vec<AllowanceSlot>,
    ) -> Result<Vec<AllowanceSlot>> {
        let seen = self.forecast_groups_seen()?;
        Ok(slots
            .into_iter()
            .filter(|s| seen.sees(&s.key.group))
            .collect())
    }

    /// Whether the actor sees forecast group `group`'s time-off figures (its allowances,
    /// the suggested overtime and VTO slots of its schedules), as
    /// [`Workspace::visible_allowances`].
    pub(crate) fn forecast_group_visible(&self, group: &str) -> Result<bool> {
        Ok(self.forecast_groups_seen()?.sees(group))
    }

    fn forecast_groups_seen(&self) -> Result<GroupsSeen> {
        let grants = self.grants()?;
        Ok(if !grants.configured || grants.scope == Scope::All {
            GroupsSeen::All
        } else if !grants.known {
            GroupsSeen::None
        } else {
            let m = self.membership()?;
            let scope = allowance_scope(&m, &grants.scope);
            GroupsSeen::InScope(m, scope)
        })
    }
}

/// The forecast groups whose time-off figures an actor sees.
enum GroupsSeen {
    All,
    None,
    InScope(Membership, Scope),
}

impl GroupsSeen {
    fn sees(&self, group: &str) -> bool {
        match self {
            Self::All => true,
            Self::None => false,
            Self::InScope(m, scope) => m.in_scope(scope, &Target::group(group)),
        }
    }
}

/// The staffing groups whose forecast groups' allowances `scope` sees: an agent's are
/// the groups they belong to.
fn allowance_scope(m: &Membership, scope: &Scope) -> Scope {
    match scope {
        Scope::Agent(me) => Scope::Groups(m.groups_of(me).map(str::to_owned).collect()),
        Scope::All | Scope::Groups(_) => scope.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn an_agent_sees_the_allowances_of_their_own_groups_only() {
        let mut m = Membership::default();
        m.add_group("Day team", "Support", ["ana"]);
        m.add_group("Night team", "Sales", ["nia"]);
        let scope = allowance_scope(&m, &Scope::Agent("ana".into()));
        assert_eq!(
            scope,
            Scope::Groups(BTreeSet::from(["Day team".to_owned()]))
        );
        assert!(m.in_scope(&scope, &Target::group("Support")));
        assert!(!m.in_scope(&scope, &Target::group("Sales")));
        let nobody = allowance_scope(&m, &Scope::Agent("zed".into()));
        assert!(!m.in_scope(&nobody, &Target::group("Support")));
        let day = Scope::groups(["Day team"]).unwrap();
        assert_eq!(allowance_scope(&m, &day), day);
    }
}
