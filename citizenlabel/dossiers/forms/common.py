def new_rows(formset, model) -> list:
    """Fresh rows from a formset's filled, not deleted forms, for services that replace a
    whole list at once (a focal-point team, a schedule, an attendance sheet)."""
    names = list(formset.form._meta.fields)
    return [
        model(**{name: form.cleaned_data[name] for name in names})
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
