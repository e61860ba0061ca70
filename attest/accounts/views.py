from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from attest.rbac.roles import is_admin
from attest.ui.views import ObjectEditView, RestrictedObjectMixin, _apply_errors

from . import services
from .forms import MemberForm, TeamForm, TokenForm, UserCreateForm
from .models import ApiToken, Team, TeamRoleGroup, User


class TeamListView(LoginRequiredMixin, View):
    def get(self, request):
        teams = Team.objects.restrict(request.user, "view").order_by("name")
        return render(request, "accounts/team_list.html", {"title": "Teams", "teams": teams,
                                                            "can_add": is_admin(request.user)})


class TeamDetailView(RestrictedObjectMixin, View):
    queryset = Team.objects.all()

    def get(self, request, pk, form=None):
        team = self.get_object(pk)
        members = TeamRoleGroup.objects.filter(team=team, group__user__isnull=False).values(
            "role", "group__user", "group__user__username", "group__user__email").order_by("group__user__username")
        can_manage = Team.objects.restrict(request.user, "manage").filter(pk=pk).exists()
        return render(request, "accounts/team_detail.html", {
            "title": team.name, "object": team, "members": members, "can_manage": can_manage,
            "member_form": form or (MemberForm(user=request.user) if can_manage else None),
        }, status=400 if form else 200)

    def post(self, request, pk):
        team = self.get_object(pk, "manage")
        if "remove" in request.POST:
            user = User.objects.restrict(request.user, "view").filter(pk=request.POST.get("remove")).first()
            if user is None:
                raise Http404
            services.remove_team_member(actor=request.user, team=team, user=user)
            messages.success(request, f"Removed {user.username}.")
            return HttpResponseRedirect(reverse("team_detail", args=[pk]))
        form = MemberForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.set_team_member(actor=request.user, team=team, **form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, f"{form.cleaned_data['user'].username} is now {form.cleaned_data['role']}.")
                return HttpResponseRedirect(reverse("team_detail", args=[pk]))
        return self.get(request, pk, form=form)


class TeamEditView(ObjectEditView):
    queryset = Team.objects.all()
    form_class = TeamForm
    model_label = "team"

    def can_create(self) -> bool:
        return is_admin(self.request.user)

    def save(self, form, instance):
        if instance is None:
            return services.create_team(actor=self.request.user, **form.cleaned_data)
        return services.update_team(actor=self.request.user, team=instance, **form.cleaned_data)


@login_required
def user_list(request):
    if not is_admin(request.user):
        raise PermissionDenied
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.create_user(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Created {user.username}.")
            return HttpResponseRedirect(reverse("user_list"))
    users = User.objects.restrict(request.user, "view").order_by("username")
    return render(request, "accounts/user_list.html", {"title": "Users", "users": users, "form": form},
                  status=400 if form.errors else 200)


@login_required
def account(request):
    """The user's own page: profile and API tokens (create, revoke)."""
    new_key = None
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        if "revoke" in request.POST:
            token = ApiToken.objects.restrict(request.user, "change").filter(pk=request.POST["revoke"]).first()
            if token is None:
                raise Http404
            services.revoke_token(actor=request.user, token=token)
            messages.success(request, f"Revoked token {token.prefix}….")
            return HttpResponseRedirect(reverse("account"))
        if form.is_valid():
            _, new_key = services.issue_token(actor=request.user, user=request.user, name=form.cleaned_data["name"],
                                              ttl_days=form.cleaned_data["days"])
            form = TokenForm()
    tokens = ApiToken.objects.restrict(request.user, "view").filter(user=request.user)
    return render(request, "accounts/account.html", {"title": "My account", "tokens": tokens, "form": form,
                                                     "new_key": new_key})
