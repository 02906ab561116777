-- Calendar imports now find an attendee's lead by email key (leads_by_email_key), the only
-- reader of this index; every new lead paid for keeping it.
DROP INDEX leads_by_email;
