import { useEffect, useImperativeHandle, useRef, forwardRef } from 'react';
import SignaturePad from 'signature_pad';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useT } from '../utils/i18n';

export interface SignatureHandle {
  /** The drawn signature as a PNG data URL, or null when nothing is drawn. */
  image: () => string | null;
  clear: () => void;
}

/**
 * A tablet-sized signing area (signature_pad): the client signs with a finger, stylus or mouse.
 * The canvas is scaled for the screen's pixel density so the stored image is sharp.
 */
export const SignatureCanvas = forwardRef<SignatureHandle, { onChange: (drawn: boolean) => void }>(({ onChange }, ref) => {
  const { t } = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);

  useEffect(() => {
    const el = canvas.current!;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    el.width = el.offsetWidth * ratio;
    el.height = el.offsetHeight * ratio;
    el.getContext('2d')!.scale(ratio, ratio);
    const p = new SignaturePad(el, { backgroundColor: 'rgb(255,255,255)', penColor: 'rgb(17,24,39)', minWidth: 0.8, maxWidth: 2.6 });
    p.addEventListener('endStroke', () => onChange(!p.isEmpty()));
    pad.current = p;
    return () => p.off();
  }, []);

  useImperativeHandle(ref, () => ({
    image: () => (pad.current && !pad.current.isEmpty() ? pad.current.toDataURL('image/png') : null),
    clear: () => {
      pad.current?.clear();
      onChange(false);
    },
  }));

  return (
    <Box>
      <Box hasRadius borderColor="neutral300" background="neutral0" style={{ borderStyle: 'dashed', borderWidth: 2, width: 640, maxWidth: '100%' }}>
        <canvas ref={canvas} data-testid="signature-pad" aria-label={t('sign.pad', 'Signature area')} style={{ width: '100%', height: 240, display: 'block', touchAction: 'none', cursor: 'crosshair' }} />
      </Box>
      <Flex gap={3} paddingTop={2}>
        <Typography variant="pi" textColor="neutral600">
          {t('sign.padHint', 'The client signs here with a finger or stylus.')}
        </Typography>
        <Button variant="tertiary" size="S" onClick={() => (pad.current?.clear(), onChange(false))}>
          {t('sign.clear', 'Clear')}
        </Button>
      </Flex>
    </Box>
  );
});
