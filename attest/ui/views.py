"""Generic views. A concrete view declares queryset, filterset, table, form and the services to call."""

import csv

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import View


class _Echo:
    def write(self, value):
        return value


class RestrictedObjectMixin(LoginRequiredMixin):
    queryset = None

    def get_object(self, pk, action: str = "view"):
        """404 when the user cannot see it; 403 when they can see but not ``action`` it."""
        obj = self.queryset.all().restrict(self.request.user, "view").filter(pk=pk).first()
        if obj is None:
            raise Http404
        if action != "view" and not self.queryset.all().restrict(self.request.user, action).filter(pk=pk).exists():
            raise PermissionDenied
        return obj


class ObjectListView(RestrictedObjectMixin, View):
    filterset_class = None
    table_class = None
    template_name = "generic/object_list.html"
    title = ""
    add_url_name = ""
    export_filename = ""
    per_page = 50

    def export_rows(self, queryset):
        raise NotImplementedError

    def get(self, request):
        queryset = self.queryset.all().restrict(request.user, "view")
        filterset = self.filterset_class(request.GET or None, queryset=queryset, request=request)
        if filterset.is_bound and not filterset.is_valid():
            queryset = queryset.none()
        else:
            queryset = filterset.qs
        if self.export_filename and request.GET.get("export") == "csv":
            writer = csv.writer(_Echo())
            response = StreamingHttpResponse((writer.writerow(r) for r in self.export_rows(queryset)),
                                             content_type="text/csv")
            response["Content-Disposition"] = f'attachment; filename="{self.export_filename}"'
            return response
        try:
            per_page = min(max(int(request.GET.get("per_page", self.per_page)), 1), 200)
        except ValueError:
            per_page = self.per_page
        page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        context = {
            "title": self.title,
            "filterset": filterset,
            "table": self.table_class(page.object_list, request),
            "page": page,
            "querystring": params.urlencode(),
            "add_url": reverse(self.add_url_name) if self.add_url_name and self.can_add() else "",
            "export_url": f"?{params.urlencode()}&export=csv" if self.export_filename else "",
        }
        context.update(self.extra_context())
        return render(request, self.template_name, context)

    def can_add(self) -> bool:
        return True

    def extra_context(self) -> dict:
        return {}


class ObjectEditView(RestrictedObjectMixin, View):
    """Create (no pk) or edit. ``save(form, instance)`` calls the service and returns the object."""

    form_class = None
    template_name = "generic/object_edit.html"
    model_label = ""

    def form_kwargs(self):
        return {"user": self.request.user}

    def save(self, form, instance):
        raise NotImplementedError

    def can_create(self) -> bool:
        return True

    def get_instance(self, pk):
        if pk is None:
            if not self.can_create():
                raise PermissionDenied
            return None
        return self.get_object(pk, "change")

    def get(self, request, pk=None):
        instance = self.get_instance(pk)
        form = self.form_class(instance=instance, **self.form_kwargs())
        return self.render(form, instance)

    def post(self, request, pk=None):
        instance = self.get_instance(pk)
        form = self.form_class(request.POST, instance=instance, **self.form_kwargs())
        if form.is_valid():
            try:
                obj = self.save(form, instance)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, f"{'Saved' if instance else 'Created'} {obj}.")
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render(form, instance, status=400)

    def render(self, form, instance, status=200):
        title = f"Edit {instance}" if instance else f"New {self.model_label}"
        return render(self.request, self.template_name,
                      {"form": form, "object": instance, "title": title}, status=status)


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ObjectDeleteView(RestrictedObjectMixin, View):
    # ``delete(obj)`` below is the service hook, not an HTTP handler: browsers delete by POST.
    http_method_names = ["get", "post"]
    template_name = "generic/object_delete.html"
    success_url_name = ""

    def delete(self, obj):
        raise NotImplementedError

    def get(self, request, pk):
        obj = self.get_object(pk, "delete")
        return render(request, self.template_name, {"object": obj, "title": f"Delete {obj}"})

    def post(self, request, pk):
        obj = self.get_object(pk, "delete")
        try:
            self.delete(obj)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(request, f"Deleted {obj}.")
        return HttpResponseRedirect(reverse(self.success_url_name))
