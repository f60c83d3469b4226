import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  makeStyles,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState, type ReactElement, type ReactNode } from 'react';
import { REASON_LIMITS, useSubmit } from '../api/index.js';
import { column } from './layout.js';
import { ProblemBar } from './problem-bar.js';

export interface ReasonDialogProps {
  /** The button that opens the dialog; without one, open it with `defaultOpen` (from a menu). */
  trigger?: ReactElement;
  defaultOpen?: boolean;
  /** Called once the dialog has closed (confirmed or cancelled). */
  onClosed?(): void;
  /** False keeps the confirm button disabled (a required choice inside `children` is missing). */
  canConfirm?: boolean;
  /**
   * Checks the fields in `children` when confirm is pressed; false keeps the dialog open without
   * calling `onConfirm` (the fields then say what is missing).
   */
  validate?(): boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  reasonLabel?: string;
  /** `required` (default): a reason must be given; `none`: a plain confirm with no text box. */
  reason?: 'required' | 'none';
  /** Styles the confirm button as the destructive action. */
  destructive?: boolean;
  onConfirm(reason: string): Promise<void>;
}

const useStyles = makeStyles({
  content: column(tokens.spacingVerticalM),
  destructive: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': {
      backgroundColor: tokens.colorStatusDangerBackground3Hover,
      color: tokens.colorNeutralForegroundOnBrand,
    },
    ':hover:active': {
      backgroundColor: tokens.colorStatusDangerBackground3Pressed,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
});

/**
 * A confirm step with a reason, used for rematch/leave and every admin override; with
 * `reason: 'none'`, a plain confirm or a short form in `children` (a new program).
 */
export function ReasonDialog(props: ReasonDialogProps) {
  const styles = useStyles();
  const [open, setOpenState] = useState(props.defaultOpen ?? false);
  const setOpen = (next: boolean) => {
    setOpenState(next);
    if (!next) props.onClosed?.();
  };
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useSubmit();
  const required = (props.reason ?? 'required') === 'required';
  // The API asks for a few words at least, so say so before it has to.
  const missing = required && reason.trim().length < REASON_LIMITS.minChars;

  const confirm = async () => {
    setTried(true);
    if (missing || props.validate?.() === false) return;
    if (await run(() => props.onConfirm(reason.trim()))) {
      setOpen(false);
      setReason('');
      setTried(false);
    }
  };

  const surface = (
    <DialogSurface>
      <DialogBody>
        <DialogTitle>{props.title}</DialogTitle>
        <DialogContent className={styles.content}>
          {props.children}
          {error !== undefined && <ProblemBar error={error} />}
          {required && (
            <Field
              label={props.reasonLabel ?? 'Reason'}
              required={required}
              validationState={tried && missing ? 'error' : 'none'}
              validationMessage={
                tried && missing ? 'Please give a reason in a few words.' : undefined
              }
            >
              <Textarea
                value={reason}
                onChange={(_e, data) => setReason(data.value)}
                resize="vertical"
                maxLength={REASON_LIMITS.maxChars}
              />
            </Field>
          )}
        </DialogContent>
        <DialogActions>
          <DialogTrigger disableButtonEnhancement>
            <Button appearance="secondary">Cancel</Button>
          </DialogTrigger>
          <Button
            appearance="primary"
            className={props.destructive === true ? styles.destructive : undefined}
            disabled={busy || props.canConfirm === false}
            onClick={() => void confirm()}
          >
            {props.confirmLabel}
          </Button>
        </DialogActions>
      </DialogBody>
    </DialogSurface>
  );
  if (props.trigger === undefined) {
    return (
      <Dialog open={open} onOpenChange={(_e, data) => setOpen(data.open)}>
        {surface}
      </Dialog>
    );
  }
  return (
    <Dialog open={open} onOpenChange={(_e, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>{props.trigger}</DialogTrigger>
      {surface}
    </Dialog>
  );
}
